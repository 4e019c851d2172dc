// Child process of the implementation bench: an OpenAI-compatible chat-completions server on loopback that plays a
// fast agent. Each answer is one turn with one tool call, streamed as tool_calls deltas: turn 1 writes a notes file,
// turns 2..N-1 cycle read_file (a given file), search (a given pattern and glob) and edit_file (on the notes file),
// turn N calls finish. The turn is the number of assistant messages in the request plus one, so runs need no state.
// Prints its port on stdout. Usage: node implement-server.mjs <turns> <read path> <search pattern> <search glob>

import { createServer } from 'node:http';

const [TURNS, READ_PATH, PATTERN, GLOB] = [Number(process.argv[2] ?? 20), process.argv[3] ?? 'package.json', process.argv[4] ?? 'export', process.argv[5] ?? '**'];
const NOTES = 'bench-notes.md';
const frame = (data) => `data: ${JSON.stringify(data)}\n\n`;

/** The tool call of turn `turn` (1-based). */
function callFor(turn) {
  if (turn >= TURNS) return { name: 'finish', args: { summary: `Bench run done in ${turn} turns.` } };
  if (turn === 1) return { name: 'write_file', args: { path: NOTES, content: 'marker 1\n' } };
  const step = (turn - 2) % 3;
  if (step === 0) return { name: 'read_file', args: { path: READ_PATH } };
  if (step === 1) return { name: 'search', args: { pattern: PATTERN, glob: GLOB } };
  // The notes file holds the marker of the last edit: replace it with the next.
  const edit = Math.floor((turn - 2) / 3) + 1;
  return { name: 'edit_file', args: { path: NOTES, old_text: `marker ${edit}`, new_text: `marker ${edit + 1}` } };
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let body = {};
    try {
      body = JSON.parse(text);
    } catch {
      // answered as turn 1
    }
    const turn = (body.messages ?? []).filter((m) => m.role === 'assistant').length + 1;
    const call = callFor(turn);
    const base = { id: `chatcmpl-bench-${turn}`, object: 'chat.completion.chunk', created: 0, model: body.model ?? 'bench-model' };
    const chunk = (delta, finish = null) => frame({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
    const args = JSON.stringify(call.args);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: `Turn ${turn}: ${call.name}.` }));
    res.write(chunk({ tool_calls: [{ index: 0, id: `call_${turn}`, type: 'function', function: { name: call.name, arguments: '' } }] }));
    // Arguments split across chunks, as the API streams them.
    for (let i = 0; i < args.length; i += 16) res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 16) } }] }));
    res.write(chunk({}, 'tool_calls'));
    res.write(frame({ ...base, choices: [], usage: { prompt_tokens: Math.ceil(text.length / 4), completion_tokens: 30, total_tokens: Math.ceil(text.length / 4) + 30 } }));
    res.end('data: [DONE]\n\n');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('disconnect', () => process.exit(0));
