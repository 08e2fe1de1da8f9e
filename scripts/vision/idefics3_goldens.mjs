// Golden Idefics3 (SmolVLM) image preprocessing from transformers.js, the independent
// implementation docsift's Idefics3Preprocessor is held to: for each page image, the size after the
// longest-edge resize, the rows x cols split, the pixel_values / pixel_attention_mask shapes, each
// tile's per-channel mean and standard deviation, and the values at fixed sample positions.
//
//   npm install --ignore-scripts @huggingface/transformers@3.7.2   (brings sharp 0.34, libvips 8.17)
//   node scripts/vision/idefics3_goldens.mjs OUT.json.gz [FULL_DIR]
//
// FULL_DIR, when given, also receives every image's whole pixel_values as raw little-endian float32
// (NAME.f32), for a full comparison that is too large to commit. Run by hand, never at run time.
import { Idefics3ImageProcessor, RawImage } from '@huggingface/transformers';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const [out, fullDir] = process.argv.slice(2);
if (!out) {
  console.error('usage: node idefics3_goldens.mjs OUT.json.gz [FULL_DIR]');
  process.exit(2);
}
const resources = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../vision-encoder/src/test/resources/idefics3',
);

// SmolVLM-256M-Instruct's preprocessor_config.json (as quoted in JohnSnowLabs/spark-nlp,
// src/main/scala/com/johnsnowlabs/ml/ai/SmolVLM.scala).
const config = {
  do_convert_rgb: true,
  do_image_splitting: true,
  do_normalize: true,
  do_pad: true,
  do_rescale: true,
  do_resize: true,
  image_mean: [0.5, 0.5, 0.5],
  image_processor_type: 'Idefics3ImageProcessor',
  image_std: [0.5, 0.5, 0.5],
  max_image_size: { longest_edge: 512 },
  processor_class: 'Idefics3Processor',
  resample: 1,
  rescale_factor: 0.00392156862745098,
  size: { longest_edge: 2048 },
};

// The formula of vision-encoder's SyntheticImages.pattern: sharp edges everywhere, the hardest
// case for a resampler.
function pattern(width, height) {
  const data = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (3 * x + 5 * y) % 256;
      data[i + 1] = ((x ^ y) * 7) % 256;
      data[i + 2] = (Math.floor((x * x) / 7) + 2 * y) % 256;
    }
  }
  return new RawImage(data, width, height, 3);
}

const images = [
  { name: 'receipt-tall', pattern: [300, 1400] },
  { name: 'a4-portrait', pattern: [595, 842] },
  { name: 'landscape', pattern: [1000, 700] },
  { name: 'wide-strip', pattern: [1800, 300] },
  { name: 'tiny', pattern: [40, 28] },
  { name: 'large-scan', pattern: [2600, 3000] },
  // A shrink of 4.4 on both axes: libvips box-averages by 2 first (its reducing gap), odd sizes.
  { name: 'long-strip', pattern: [9001, 301] },
  // 2048 x 1001: only the width grows, which libvips still runs as a two-axis affine.
  { name: 'near-target', pattern: [2047, 1001] },
  { name: 'receipt-002-page', file: 'receipt-002.png' },
];

// Fixed sample positions inside a 512 x 512 plane (a small LCG, so they need no file of their own).
const SAMPLES = 128;
const positions = [];
let seed = 12345;
for (let i = 0; i < SAMPLES; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  positions.push(seed % (512 * 512));
}

const round = (v) => Math.round(v * 1e6) / 1e6;
const processor = new Idefics3ImageProcessor(config);
const result = {
  generator: 'transformers.js 3.7.2 Idefics3ImageProcessor (sharp 0.34, libvips 8.17)',
  config,
  positions,
  images: [],
};
for (const spec of images) {
  const image = spec.file
    ? await RawImage.read(path.join(resources, spec.file))
    : pattern(...spec.pattern);
  const r = await processor(image, { return_row_col_info: true });
  const [batch, n, c, h, w] = r.pixel_values.dims;
  const px = r.pixel_values.data;
  const mask = r.pixel_attention_mask.data;
  const plane = h * w;
  const tiles = [];
  for (let t = 0; t < n; t++) {
    const mean = [];
    const std = [];
    const samples = [];
    for (let ch = 0; ch < c; ch++) {
      const base = (t * c + ch) * plane;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < plane; i++) {
        s += px[base + i];
        s2 += px[base + i] * px[base + i];
      }
      const m = s / plane;
      mean.push(round(m));
      std.push(round(Math.sqrt(Math.max(0, s2 / plane - m * m))));
      samples.push(positions.map((p) => round(px[base + p])));
    }
    tiles.push({ mean, std, samples });
  }
  let maskTrue = 0;
  for (let i = 0; i < mask.length; i++) maskTrue += mask[i] ? 1 : 0;
  result.images.push({
    name: spec.name,
    ...(spec.file ? { file: spec.file } : { pattern: spec.pattern }),
    source_size: [image.height, image.width],
    resized_size: r.reshaped_input_sizes[0],
    rows: r.rows[0][0],
    cols: r.cols[0][0],
    pixel_values_dims: r.pixel_values.dims,
    pixel_attention_mask_dims: r.pixel_attention_mask.dims,
    pixel_attention_mask_true: maskTrue,
    tiles,
  });
  if (fullDir) {
    fs.mkdirSync(fullDir, { recursive: true });
    fs.writeFileSync(path.join(fullDir, spec.name + '.f32'), Buffer.from(px.buffer, px.byteOffset, px.byteLength));
  }
  console.log(spec.name, r.reshaped_input_sizes[0], 'rows', r.rows[0][0], 'cols', r.cols[0][0], 'dims', r.pixel_values.dims.join('x'), batch);
}
fs.writeFileSync(out, zlib.gzipSync(JSON.stringify(result), { level: 9 }));
