// Colours for the wizard. Ink's bundled chalk does not honour NO_COLOR, so colour is
// decided once, from the platform (tty.hasColors honours NO_COLOR, FORCE_COLOR and
// TERM=dumb), and components read it from context. Without colour the screens still
// read well: selection uses inverse and a pointer, never colour alone.
import { createContext, useContext } from 'react';

export interface Theme {
  accent?: string;
  ok?: string;
  warn?: string;
  error?: string;
  /** Text the user will type on npmjs.com or in a terminal. */
  value?: string;
}

export const COLOR_THEME: Theme = { accent: 'cyan', ok: 'green', warn: 'yellow', error: 'red', value: 'cyan' };
export const PLAIN_THEME: Theme = {};

export function themeFor(stream: NodeJS.WriteStream): Theme {
  return stream.isTTY && stream.hasColors?.() ? COLOR_THEME : PLAIN_THEME;
}

// Tests render without a provider: no colour, so frames compare as plain text.
export const ThemeContext = createContext<Theme>(PLAIN_THEME);

export const useTheme = (): Theme => useContext(ThemeContext);
