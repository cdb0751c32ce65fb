import { Box, Text } from 'ink';
import type { KeyBinding } from '../keys.js';
import type { Theme } from '../theme.js';

export interface HelpOverlayProps {
  readonly title: string;
  readonly viewBindings: readonly KeyBinding[];
  readonly globalBindings: readonly KeyBinding[];
  readonly theme: Theme;
  readonly height: number;
}

function Section({
  heading,
  bindings,
  theme,
}: {
  heading: string;
  bindings: readonly KeyBinding[];
  theme: Theme;
}) {
  const width = Math.max(...bindings.map((b) => b.keys.length), 4) + 2;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold>{heading}</Text>
      {bindings.map((b) => (
        <Text key={`${b.action}-${b.keys}`} wrap="truncate-end">
          {'  '}
          <Text color={theme.accent}>{b.keys.padEnd(width)}</Text>
          {b.description}
        </Text>
      ))}
    </Box>
  );
}

/** The `?` overlay: every key of the current view, then the global keys. */
export function HelpOverlay({ title, viewBindings, globalBindings, theme, height }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden" borderStyle="round" paddingX={1}>
      <Section heading={`${title} keys`} bindings={viewBindings} theme={theme} />
      <Section
        heading="Everywhere"
        bindings={[
          ...globalBindings,
          { action: 'exit', keys: 'Ctrl+C', description: 'stop everything and quit', match: () => false },
        ]}
        theme={theme}
      />
      <Text color={theme.muted}>Press ? or Esc to close.</Text>
    </Box>
  );
}
