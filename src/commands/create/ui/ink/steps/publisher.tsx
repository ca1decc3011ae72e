// 4. On npmjs.com: the page to open and the exact values to enter, in the form's order.
// The values are printed above the live frame as plain text, once: the terminal wraps the
// URL and the `npm trust` command softly, so they copy whole, and they stay in the
// scrollback whatever happens next (a failed `npm trust`, Esc).
import { useEffect, useState } from 'react';
import { Box, Text, useStdout } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import type { PublisherSettings } from '../../../../../core/model.js';
import { Confirm } from '../components/confirm.js';
import { KeyHints } from '../components/key-hints.js';
import type { OpenState } from '../../../flow/machine.js';
import { useTheme } from '../theme.js';
import { paint } from '../../../../../core/style.js';
import { formatPublisher } from '../../../../../report/text.js';

export function publisherHeading(index: number, total: number): string {
  return `On npmjs.com: add a trusted publisher${total > 1 ? ` (${index + 1} of ${total})` : ''}`;
}

export function openLine(open: OpenState, url: string, skipReason?: string): string | undefined {
  switch (open) {
    case 'opened':
      return `Opened ${url} in your browser.`;
    case 'failed':
      return `Could not open a browser: open ${url} yourself.`;
    case 'no-browser':
    case 'skipped':
      return skipReason ? `Not opening a browser (${skipReason}): open the URL above.` : undefined;
    case 'opening':
      return 'Opening your browser…';
    default:
      return undefined;
  }
}

export interface PublisherStepProps {
  settings: PublisherSettings;
  index: number;
  total: number;
  open: OpenState;
  skipReason?: string;
  onOpen(yes: boolean): void;
  onNext(): void;
  /** Set when `npm trust` can configure this provider: the t key hands over to it. */
  onTrust?: () => void;
}

export function PublisherStep({ settings, index, total, open, skipReason, onOpen, onNext, onTrust }: PublisherStepProps) {
  const theme = useTheme();
  const { write } = useStdout();
  const [yes, setYes] = useState(true);
  useEffect(() => {
    write(`${paint('bold', publisherHeading(index, total))}\n${formatPublisher(settings)}\n`);
    // Once per package.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index]);
  useKeys((input, key) => {
    if (key.return && open !== 'ask') onNext();
    else if (input === 't' && open !== 'ask' && onTrust) onTrust();
  });
  const status = openLine(open, settings.url, skipReason);
  const more = index + 1 < total ? 'Enter next package' : 'Enter continue to the checklist';
  return (
    <Box flexDirection="column" marginTop={1}>
      {open === 'ask' ? (
        <Box gap={1}>
          <Text bold>Open the npm settings page?</Text>
          <Confirm value={yes} onChange={setYes} onSubmit={onOpen} isActive={open === 'ask'} />
        </Box>
      ) : (
        <>
          {status ? <Text color={open === 'failed' ? theme.warn : undefined}>{status}</Text> : null}
          <Text>When the publisher for {settings.packageName} is saved on npmjs.com, press Enter.</Text>
        </>
      )}
      <KeyHints hints={open === 'ask' ? ['y/n choose', 'Enter accept', 'Esc quit'] : onTrust ? [more, 't use npm trust instead', 'Esc quit'] : [more, 'Esc quit']} />
    </Box>
  );
}
