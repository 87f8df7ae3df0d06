-- A document's text entry stays when its text is empty (with an empty body, which matches no
-- search): the entry also says "this document is indexed". Before, empty text removed it, so
-- every empty document was loaded and indexed again at each server start (catch-up looks for
-- documents without one). Claims, evidence and comments still lose their entry when emptied.
CREATE OR REPLACE FUNCTION search_put(
  p_workspace uuid, p_document uuid, p_claim uuid, p_kind text, p_source uuid, p_body text,
  p_keywords text DEFAULT ''
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(btrim(p_body), '') = '' AND p_kind <> 'text' THEN
    DELETE FROM search_entries WHERE source_id = p_source AND kind = p_kind;
    RETURN;
  END IF;
  INSERT INTO search_entries
    (workspace_id, document_id, claim_id, kind, source_id, config, body, keywords)
  VALUES (p_workspace, p_document, p_claim, p_kind, p_source,
    search_config((SELECT language FROM documents WHERE id = p_document)),
    coalesce(p_body, ''), coalesce(p_keywords, ''))
  ON CONFLICT (source_id, kind) DO UPDATE
    SET body = EXCLUDED.body, keywords = EXCLUDED.keywords, config = EXCLUDED.config,
      updated_at = now()
    WHERE search_entries.body IS DISTINCT FROM EXCLUDED.body
       OR search_entries.keywords IS DISTINCT FROM EXCLUDED.keywords
       OR search_entries.config IS DISTINCT FROM EXCLUDED.config;
END;
$$;
