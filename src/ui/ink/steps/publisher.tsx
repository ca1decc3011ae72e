// 4. On npmjs.com: the page to open and the exact values to enter, in the form's order.
import { useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import type { PublisherSettings } from '../../../model.js';
import { Confirm } from '../components/confirm.js';
import { KeyHints } from '../components/key-hints.js';
import type { OpenState } from '../hooks/wizard-state.js';
import { useTheme } from '../theme.js';

export function PublisherValues({ settings, heading }: { settings: PublisherSettings; heading: string }) {
  const theme = useTheme();
  const width = Math.max(...settings.fields.map((f) => f.label.length));
  const valueWidth = Math.max(
    ...settings.fields.filter((f) => f.label !== 'Allowed actions').map((f) => (f.value === '' ? 13 : f.value.length)),
  );
  return (
    <Box flexDirection="column">
      <Text bold>{heading}</Text>
      <Text wrap="truncate-end">
        <Text bold>{settings.packageName}</Text>  <Text color={theme.accent}>{settings.url}</Text>
      </Text>
      <Text dimColor>{`Trusted publishing → Select your publisher → ${settings.provider}, then enter:`}</Text>
      {settings.fields.map((f) => {
        // The box people miss: new publishers allow only staged publishing unless it is ticked.
        const allow = f.label === 'Allowed actions' || f.value.startsWith('Allow ');
        const label = <Text>{`  ${f.label.padEnd(width)}  `}</Text>;
        if (allow) {
          return (
            <Box key={f.label} flexDirection="column">
              <Text wrap="truncate-end">
                {label}
                <Text color={theme.warn} bold>{`☐ ${f.value}`}</Text>
              </Text>
              <Text color={theme.warn} wrap="truncate-end">{`${' '.repeat(width + 4)}↑ tick it: ${f.note?.replace(/^tick it: /, '') ?? ''}`}</Text>
            </Box>
          );
        }
        return (
          <Text key={f.label} wrap="truncate-end">
            {label}
            {f.value === '' ? <Text dimColor>{'(leave empty)'.padEnd(valueWidth)}</Text> : <Text color={theme.value} bold>{f.value.padEnd(valueWidth)}</Text>}
            {f.note && f.value !== '' ? <Text dimColor>{`  ${f.note}`}</Text> : null}
          </Text>
        );
      })}
      {settings.trustCommand ? (
        <>
          <Text dimColor>Or, from a terminal logged in to npm (npm 11.15 or newer):</Text>
          <Text>{`  ${settings.trustCommand}`}</Text>
        </>
      ) : (
        <Text dimColor>npm trust cannot name a CI file in a folder: enter these on the website.</Text>
      )}
    </Box>
  );
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
  const [yes, setYes] = useState(true);
  useKeys((input, key) => {
    if (key.return && open !== 'ask') onNext();
    else if (input === 't' && open !== 'ask' && onTrust) onTrust();
  });
  const heading = `On npmjs.com: add a trusted publisher${total > 1 ? ` (${index + 1} of ${total})` : ''}`;
  const status = openLine(open, settings.url, skipReason);
  const more = index + 1 < total ? 'Enter next package' : 'Enter continue to the checklist';
  return (
    <Box flexDirection="column">
      <PublisherValues settings={settings} heading={heading} />
      <Box marginTop={1} flexDirection="column">
        {open === 'ask' ? (
          <Box gap={1}>
            <Text bold>Open the npm settings page?</Text>
            <Confirm value={yes} onChange={setYes} onSubmit={onOpen} isActive={open === 'ask'} />
          </Box>
        ) : (
          <>
            {status ? <Text color={open === 'failed' ? theme.warn : undefined}>{status}</Text> : null}
            <Text>When the publisher is saved on npmjs.com, press Enter.</Text>
          </>
        )}
        <KeyHints hints={open === 'ask' ? ['Enter accept', 'Esc quit'] : onTrust ? [more, 't use npm trust instead', 'Esc quit'] : [more, 'Esc quit']} />
      </Box>
    </Box>
  );
}
