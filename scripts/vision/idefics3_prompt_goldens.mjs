// Golden Idefics3 (SmolVLM) prompts from transformers.js's Idefics3Processor, the independent
// implementation docsift's PromptBuilder.buildGrids is held to: SmolVLM's chat template rendered
// for an image part and a text part, each <image> expanded for the page's rows x cols split, and
// the token ids of the whole.
//
// No SmolVLM / SmolLM2 tokenizer.json is published on npm, so the tokenizer is the project's tiny
// byte-level BPE (slm-engine's tiny-pack) with SmolVLM's special tokens added: <|im_start|>,
// <end_of_utterance>, <fake_token_around_image>, <image>, <global-img> and <row_R_col_C> for R, C
// in 1..6. That checks the expansion and how it is split and tokenized, not SmolLM2's merges.
//
//   npm install --ignore-scripts @huggingface/transformers@3.7.2
//   node scripts/vision/idefics3_prompt_goldens.mjs OUT_DIR
//
// Writes OUT_DIR/tokenizer.json, OUT_DIR/tokenizer_config.json and OUT_DIR/goldens.json.
import {
  AutoTokenizer,
  Idefics3ImageProcessor,
  Idefics3Processor,
  RawImage,
  env,
} from '@huggingface/transformers';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node idefics3_prompt_goldens.mjs OUT_DIR');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const tiny = JSON.parse(
  fs.readFileSync(path.join(here, '../../slm-engine/src/test/resources/tiny-pack/tokenizer.json')),
);

// SmolVLM's chat template (chat_template.json of HuggingFaceTB/SmolVLM-256M-Instruct).
const chatTemplate =
  "<|im_start|>{% for message in messages %}{{message['role'] | capitalize}}{% if message['content'][0]['type'] == 'image' %}{{':'}}{% else %}{{': '}}{% endif %}{% for line in message['content'] %}{% if line['type'] == 'text' %}{{line['text']}}{% elif line['type'] == 'image' %}{{ '<image>' }}{% endif %}{% endfor %}<end_of_utterance>\n{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}";

const added = ['<|im_start|>', '<end_of_utterance>', '<fake_token_around_image>', '<image>', '<global-img>'];
for (let r = 1; r <= 6; r++) for (let c = 1; c <= 6; c++) added.push(`<row_${r}_col_${c}>`);
let next = Math.max(...Object.values(tiny.model.vocab), ...tiny.added_tokens.map((t) => t.id)) + 1;
for (const content of added) {
  tiny.added_tokens.push({
    id: next++,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'tokenizer.json'), JSON.stringify(tiny, null, 1) + '\n');
const tokenizerConfig = {
  tokenizer_class: 'GPT2Tokenizer',
  add_bos_token: false,
  add_eos_token: false,
  bos_token: '<|im_start|>',
  eos_token: '<end_of_utterance>',
  chat_template: chatTemplate,
};
fs.writeFileSync(path.join(outDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 1) + '\n');

env.allowRemoteModels = false;
env.localModelPath = path.dirname(path.resolve(outDir)) + '/';
const tokenizer = await AutoTokenizer.from_pretrained(path.basename(path.resolve(outDir)));

// SmolVLM-256M-Instruct's preprocessor_config.json and processor_config.json (image_seq_len 64).
const imageConfig = {
  do_convert_rgb: true, do_image_splitting: true, do_normalize: true, do_pad: true,
  do_rescale: true, do_resize: true, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5],
  max_image_size: { longest_edge: 512 }, resample: 1, rescale_factor: 0.00392156862745098,
  size: { longest_edge: 2048 },
};
function processor(splitting) {
  const image_processor = new Idefics3ImageProcessor({ ...imageConfig, do_image_splitting: splitting });
  return new Idefics3Processor({ image_seq_len: 64 }, { image_processor, tokenizer }, chatTemplate);
}
function blank(width, height) {
  return new RawImage(new Uint8ClampedArray(width * height * 3).fill(255), width, height, 3);
}

const instruction =
  'Extract the data of this receipt as one JSON object. Copy values exactly as printed; leave out ' +
  'a field the document does not show. Fields:\n- total: number. The amount paid\n- date: date YYYY-MM-DD';
const ocrHeading = '\nText read from the document:\n'; // docsift's PromptBuilder.OCR_HEADING
const ocr = 'CAFÉ MÜLLER  Tel. 030 1234\n2 x Cappuccino      7,00\nTOTAL EUR          9,90';
const cases = [
  { name: 'tall receipt, 4 x 1', pages: [[300, 1400]], text: instruction },
  { name: 'landscape, 3 x 4', pages: [[40, 28]], text: instruction },
  { name: 'A4 with OCR text, 4 x 3', pages: [[595, 842]], text: instruction, ocr },
  { name: 'two pages, 1 x 4 and 4 x 4', pages: [[1800, 300], [2600, 3000]], text: instruction },
  { name: 'no splitting', pages: [[595, 842]], text: instruction, splitting: false },
];
const result = {
  generator: 'transformers.js 3.7.2 Idefics3Processor',
  chat_template: chatTemplate,
  image_seq_len: 64,
  cases: [],
};
for (const c of cases) {
  const text = c.ocr ? c.text + ocrHeading + c.ocr : c.text;
  const messages = [
    { role: 'user', content: [...c.pages.map(() => ({ type: 'image' })), { type: 'text', text }] },
  ];
  const rendered = tokenizer.apply_chat_template(messages, {
    chat_template: chatTemplate,
    tokenize: false,
    add_generation_prompt: true,
  });
  const images = c.pages.map(([w, h]) => blank(w, h));
  const out = await processor(c.splitting ?? true)(rendered, images);
  const ids = Array.from(out.input_ids.data, Number);
  result.cases.push({
    name: c.name,
    instruction: c.text,
    ocr: c.ocr ?? null,
    rows: out.rows[0],
    cols: out.cols[0],
    rendered,
    text: tokenizer.decode(ids, { skip_special_tokens: false }),
    ids,
  });
  console.log(c.name, out.rows[0], out.cols[0], ids.length);
}
fs.writeFileSync(path.join(outDir, 'goldens.json'), JSON.stringify(result) + '\n');
