import { Text } from 'ink';
import { useLayoutEffect } from 'react';
import { useTui } from '../context.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { PROMPT_KEYS } from '../keys.js';

export interface TextPromptProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onSubmit: (value: string) => void;
  readonly onCancel: () => void;
  readonly isActive: boolean;
  /** Called for arrow keys, so a filter can move a selection while typing. */
  readonly onArrow?: (delta: number) => void;
}

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;

/** A one-line text input. While active it owns the keyboard (global keys are off). */
export function TextPrompt({
  label,
  value,
  onChange,
  onSubmit,
  onCancel,
  isActive,
  onArrow,
}: TextPromptProps) {
  const { setCapture, theme } = useTui();
  // A layout effect, so the capture is in place before the next key arrives.
  useLayoutEffect(() => {
    if (!isActive) return;
    setCapture(true);
    return () => setCapture(false);
  }, [isActive, setCapture]);

  useKeymap(
    PROMPT_KEYS,
    { submit: () => onSubmit(value), cancel: onCancel },
    {
      isActive,
      text: true,
      fallback: (input, key) => {
        if (key.backspace || key.delete) onChange(value.slice(0, -1));
        else if (key.upArrow) onArrow?.(-1);
        else if (key.downArrow) onArrow?.(1);
        else if (key.ctrl && input === 'u') onChange('');
        else if (!key.ctrl && !key.meta && !key.tab && input.length > 0) {
          // Pasted text arrives as one chunk: keep it on one line, and drop characters nobody can see
          // (they would make the query silently match nothing).
          const typed = input.replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '');
          if (typed) onChange(value + typed);
        }
      },
    },
  );

  return (
    <Text wrap="truncate-start">
      <Text bold color={theme.accent}>
        {label}
      </Text>
      {value}
      {isActive ? <Text inverse> </Text> : null}
    </Text>
  );
}
