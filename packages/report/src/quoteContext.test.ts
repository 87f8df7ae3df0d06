import { describe, expect, it } from 'vitest';
import { contextAfter, contextBefore, quoteContext } from './quoteContext.ts';

describe('quote context cut at word boundaries', () => {
  const text =
    'Selon le ministre, le groupe soutient Daesh depuis des années et finance ses réseaux en Europe.\nAutre paragraphe.';

  it('never starts mid-word: "…tient Daesh" (the end of "soutient") is shown from the next word', () => {
    const exact = 'depuis des années';
    const from = text.indexOf(exact);
    const prefix = text.slice(text.indexOf('tient Daesh'), from);
    expect(prefix).toBe('tient Daesh ');
    const suffix = ' et finance se';
    expect(
      quoteContext({ exact, prefix, suffix }, { text, from, to: from + exact.length }),
    ).toEqual({
      before: '…Daesh ',
      after: ' et finance…',
    });
  });

  it('keeps a prefix that starts on a word boundary whole, with an ellipsis when text precedes', () => {
    const exact = 'Daesh';
    const from = text.indexOf(exact);
    const prefix = text.slice(from - 9, from); // "soutient "
    expect(quoteContext({ exact, prefix, suffix: '' }, { text, from, to: from + 5 }).before).toBe(
      '…soutient ',
    );
  });

  it('shows no ellipsis at the start or end of the text or of the paragraph', () => {
    const exact = 'le ministre';
    const from = text.indexOf(exact);
    const place = { text, from, to: from + exact.length };
    expect(quoteContext({ exact, prefix: 'Selon ', suffix: ', le' }, place).before).toBe('Selon ');
    const end = text.indexOf('\n');
    const last = 'en Europe';
    const at = text.indexOf(last);
    expect(
      quoteContext(
        { exact: last, prefix: 'réseaux ', suffix: '.\nAutre' },
        { text, from: at, to: at + last.length },
      ).after,
    ).toBe('.');
    expect(end).toBeGreaterThan(0);
    expect(contextBefore('fin.\nDébut du ', 'x')).toBe('Début du ');
  });

  it('without the text around it (an orphaned claim) drops a possibly cut first or last word', () => {
    expect(contextBefore('tient Daesh depuis des années, dit ', null)).toBe(
      '…Daesh depuis des années, dit ',
    );
    expect(contextAfter(' et finance ses réseaux en Europe, dit-il, et ailleu', null)).toBe(
      ' et finance ses réseaux en Europe, dit-il, et…',
    );
    // Shorter than the 32 characters the editor stores: it reached the start of the text.
    expect(contextBefore('He added that “', null)).toBe('He added that “');
    expect(contextAfter('”.', null)).toBe('”.');
  });

  it('cuts Arabic and Hebrew at word boundaries too', () => {
    const arabic = 'قال الوزير إن البطالة انخفضت بنسبة أربعين في المئة';
    const exact = 'انخفضت';
    const from = arabic.indexOf(exact);
    const prefix = arabic.slice(from - 10, from); // ends of "البطالة" cut
    expect(
      quoteContext({ exact, prefix, suffix: '' }, { text: arabic, from, to: from + 6 }).before,
    ).toBe(`…${prefix.slice(prefix.indexOf(' ') + 1)}`);
    expect(contextAfter(' הממשלה אמרה כך', 'ש')).toBe(' הממשלה אמרה…');
  });
});
