// The editor schema as the sync core's update validator sees it: one definition, used on the
// event loop (sync plugin) and in the worker threads that check large updates.
import {
  ARTICLE_FIELD,
  ARTICLE_MARK_NAMES,
  ARTICLE_NODE_NAMES,
  checkArticleAttribute,
  checkArticleMarkAttributes,
} from '@factdesk/editor/schemaChecks';
import type { ArticleSchemaNames } from '@factdesk/sync';

export const articleSchemaNames: ArticleSchemaNames = {
  rootName: ARTICLE_FIELD,
  nodeNames: ARTICLE_NODE_NAMES,
  markNames: ARTICLE_MARK_NAMES,
  checkAttribute: checkArticleAttribute,
  checkMarkAttributes: checkArticleMarkAttributes,
};
