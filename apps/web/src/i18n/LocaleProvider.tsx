// The interface language: the one the person chose (stored on their account, so it follows
// them to every device), else the browser's. Changing it re-renders every message at once,
// without a reload, and keeps <html lang> in step for screen readers and hyphenation.
import type { Locale } from '@factdesk/model';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { api } from '../api/api.ts';
import { setRequestLocale } from '../api/request.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { browserLocale, CATALOGS } from './catalogs.ts';

export interface LocaleChoice {
  locale: Locale;
  /** Applies at once; rejects (and goes back) when the server refuses to store it. */
  changeLocale(locale: Locale): Promise<void>;
}

const LocaleContext = createContext<LocaleChoice | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const { state, signedIn } = session;
  const [fromBrowser] = useState(() => browserLocale(navigator.languages));
  const me = state.status === 'signedIn' ? state.me : undefined;
  const locale = me?.user.locale ?? fromBrowser;
  // Set while rendering, not in an effect: the children's effects (their first API calls) run
  // before this component's, and their answers must already come in this language.
  setRequestLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const changeLocale = useCallback(
    async (next: Locale) => {
      if (!me) return;
      signedIn({ ...me, user: { ...me.user, locale: next } });
      try {
        signedIn(await api.changeLocale(next));
      } catch (error) {
        signedIn(me);
        throw error;
      }
    },
    [me, signedIn],
  );

  return (
    <LocaleContext.Provider value={{ locale, changeLocale }}>
      <IntlProvider locale={locale} defaultLocale="en" messages={CATALOGS[locale]}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleChoice {
  const choice = useContext(LocaleContext);
  if (!choice) throw new Error('useLocale must be used inside <LocaleProvider>.');
  return choice;
}
