import { Box, Text } from 'ink';
import { basename } from 'node:path';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTui } from '../context.js';
import type { ClientConfigWritten } from '../context.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { addToGitignore, ignoreState } from '../lib/gitignore.js';
import { useLaunchers } from '../hooks/use-launchers.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { SETTINGS_KEYS } from '../keys.js';
import { maskSecret } from '../lib/format.js';

export interface SettingsViewProps {
  readonly isActive: boolean;
  readonly height: number;
  /** For tests: where user-wide client files live (defaults to the real home directory). */
  readonly homeDir?: string;
}

const MCP_OFF = 'the MCP server is off (--no-mcp); nothing to configure';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={17} flexShrink={0}>
        <Text bold>{label}</Text>
      </Box>
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}

/** Package manager, MCP endpoint and token, and per-client config snippets with a merge-writer. */
export function SettingsView({ isActive, height, homeDir }: SettingsViewProps) {
  const { engine, theme, mcp, clientTargets, projectName, notify } = useTui();
  const cursor = useListCursor(clientTargets.length);
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [written, setWritten] = useState<ClientConfigWritten | undefined>();
  // A project file that holds the token and that git would commit: offered for .gitignore.
  const [unignored, setUnignored] = useState<string | undefined>();
  const launch = useLaunchers();
  const client = clientTargets[cursor.index] ?? clientTargets[0];
  const location = { projectDir: engine.projectDir, homeDir };
  const path = client?.path(location) ?? '';
  const name = client?.serverName(projectName) ?? 'brum';
  const endpoint = mcp ?? { url: 'http://127.0.0.1:<port>/mcp', token: '<token>' };
  const shownEndpoint = revealed || !mcp ? endpoint : { ...endpoint, token: maskSecret(endpoint.token) };
  const pm = engine.packageManager;

  const write = (): void => {
    setConfirming(false);
    if (!mcp) return notify(MCP_OFF, 'error');
    if (!client) return;
    client.write(mcp, { ...location, name }).then(
      (result) => {
        setWritten(result);
        const wrote = `wrote ${result.path}${result.backupPath ? ` (backup: ${result.backupPath})` : ''}`;
        notify(wrote);
        if (client.scope !== 'project') return;
        void ignoreState(engine.projectDir, result.path).then((state) => {
          if (state === 'not-ignored') {
            setUnignored(result.path);
            notify(
              `${basename(result.path)} holds the token and git would commit it: g adds it to .gitignore`,
              'error',
            );
          } else if (state === 'ignored') notify(`git ignores ${basename(result.path)}; ${wrote}`);
        });
      },
      (error: unknown) =>
        notify(`could not write ${path}: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  };

  const ignore = (): void => {
    if (!unignored) return;
    const file = unignored;
    setUnignored(undefined);
    addToGitignore(engine.projectDir, file).then(
      (pattern) => notify(`added ${pattern} to .gitignore`),
      (error: unknown) =>
        notify(
          `could not update .gitignore: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        ),
    );
  };

  const pick = (delta: number): void => {
    setConfirming(false);
    setUnignored(undefined);
    setWritten(undefined);
    cursor.move(delta);
  };

  useKeyHints(SETTINGS_KEYS, isActive);
  useKeymap(
    SETTINGS_KEYS,
    {
      up: () => pick(-1),
      down: () => pick(1),
      reveal: () => (mcp ? setRevealed((r) => !r) : notify(MCP_OFF, 'error')),
      write: () => (mcp ? setConfirming(true) : write()),
      confirm: () => confirming && write(),
      cancel: () => {
        setConfirming(false);
        setUnignored(undefined);
      },
      ignore: () => unignored && ignore(),
      copy: () =>
        !mcp
          ? notify(MCP_OFF, 'error')
          : client && launch.copy(client.snippet(mcp, name), `${client.label} snippet`),
    },
    { isActive },
  );

  const snippet = written ? written.text : (client?.snippet(shownEndpoint, name) ?? '');
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Field label="Package manager">
        {pm.name}{' '}
        <Text color={theme.muted}>
          ({pm.source.replace('-', ' ')}
          {pm.detail ? `: ${pm.detail}` : ''})
        </Text>
      </Field>
      <Field label="MCP endpoint">
        {mcp ? <Text color={theme.link}>{mcp.url}</Text> : <Text color={theme.muted}>off (--no-mcp)</Text>}
      </Field>
      <Field label="Token">
        {mcp ? shownEndpoint.token : '-'}{' '}
        {mcp ? <Text color={theme.muted}>{revealed ? '(t hides)' : '(t reveals)'}</Text> : null}
      </Field>
      {client ? (
        <>
          <Text> </Text>
          <Text wrap="truncate-end">
            <Text bold>Clients </Text>
            {clientTargets.map((c, i) => (
              <Text
                key={c.label}
                inverse={i === cursor.index}
                color={i === cursor.index ? theme.accent : undefined}
              >
                {` ${c.label} `}
              </Text>
            ))}
          </Text>
          <Text wrap="truncate-end" color={theme.muted}>
            {written ? 'Written to ' : 'File: '}
            {path} (
            {client.scope === 'project'
              ? 'this project; keep it out of git, it holds the token'
              : 'all projects'}
            )
          </Text>
          {confirming ? (
            <Text color={theme.warning} wrap="truncate-end">
              Merge the &quot;{name}&quot; entry into {path}? The original is backed up. y = yes, Esc = no
            </Text>
          ) : null}
          {unignored ? (
            <Text color={theme.warning} wrap="truncate-end">
              {basename(path)} holds the token and is not in .gitignore. g = add it to .gitignore, Esc = leave
              it
            </Text>
          ) : null}
          {snippet.split('\n').map((line, i) => (
            <Text key={i} wrap="truncate-end" color={written ? theme.ok : undefined}>
              {line}
            </Text>
          ))}
        </>
      ) : null}
    </Box>
  );
}
