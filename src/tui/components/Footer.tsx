import { Text } from 'ink';
import type { KeyBinding } from '../keys.js';
import type { Theme } from '../theme.js';

export interface FooterProps {
  readonly bindings: readonly KeyBinding[];
  readonly theme: Theme;
}

/** One line of the most useful keys of the current view, generated from the binding table. */
export function Footer({ bindings, theme }: FooterProps) {
  const shown = bindings.filter((b) => b.footer);
  return (
    <Text wrap="truncate-end">
      {shown.map((b, i) => (
        <Text key={`${b.action}-${b.keys}`}>
          {i > 0 ? <Text color={theme.muted}> · </Text> : null}
          <Text bold color={theme.accent}>
            {b.keys}
          </Text>{' '}
          {b.footer}
        </Text>
      ))}
    </Text>
  );
}
