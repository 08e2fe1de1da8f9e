#!/usr/bin/python3
"""Independent reference of InternVL's image preprocessing (as used by H2OVL-Mississippi).

Grid choice is InternVL's `find_closest_aspect_ratio` / `dynamic_preprocess`, kept in its
original shape (a set of candidates sorted by tile count, strict `<` then the area tie rule),
so the Java port is checked against the original iteration order, not against itself.

Resizing: the original calls PIL's `Image.resize` with its default BICUBIC filter, which is a
separable convolution with Keys' cubic (a = -0.5) whose support widens with the downscale
factor (antialiased), truncated and renormalised at the borders. PIL is not installed here, so
this uses torch's `interpolate(mode='bicubic', antialias=True)`, which implements PIL's filter
(a = -0.5, same window and renormalisation) in float64. PIL additionally rounds to 8 bits; we
keep floats and only clamp to [0, 1] (PIL clamps to [0, 255]).

Run with Debian's interpreter: /usr/bin/python3 (python3-torch, python3-numpy).
"""
import numpy as np
import torch

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def find_closest_aspect_ratio(aspect_ratio, target_ratios, width, height, image_size):
    best_ratio_diff = float("inf")
    best_ratio = (1, 1)
    area = width * height
    for ratio in target_ratios:
        target_aspect_ratio = ratio[0] / ratio[1]
        ratio_diff = abs(aspect_ratio - target_aspect_ratio)
        if ratio_diff < best_ratio_diff:
            best_ratio_diff = ratio_diff
            best_ratio = ratio
        elif ratio_diff == best_ratio_diff:
            if area > 0.5 * image_size * image_size * ratio[0] * ratio[1]:
                best_ratio = ratio
    return best_ratio


def target_ratios(min_num, max_num):
    ratios = set(
        (i, j)
        for n in range(min_num, max_num + 1)
        for i in range(1, n + 1)
        for j in range(1, n + 1)
        if min_num <= i * j <= max_num
    )
    return sorted(ratios, key=lambda x: x[0] * x[1])


def choose_grid(width, height, image_size=448, min_num=1, max_num=6):
    """Returns (cols, rows)."""
    return find_closest_aspect_ratio(
        width / height, target_ratios(min_num, max_num), width, height, image_size
    )


def resize(chw, out_w, out_h):
    """chw: float64 tensor [3, H, W] in [0, 1] -> [3, out_h, out_w], PIL-style bicubic."""
    if chw.shape[1] == out_h and chw.shape[2] == out_w:
        return chw.clone()  # PIL returns a copy for a same-size resize
    y = torch.nn.functional.interpolate(
        chw.unsqueeze(0), size=(out_h, out_w), mode="bicubic", align_corners=False, antialias=True
    )[0]
    return y.clamp(0.0, 1.0)


def normalise(chw):
    mean = torch.tensor(IMAGENET_MEAN, dtype=torch.float64).view(3, 1, 1)
    std = torch.tensor(IMAGENET_STD, dtype=torch.float64).view(3, 1, 1)
    return (chw - mean) / std


def dynamic_preprocess(rgb_u8, image_size=448, min_num=1, max_num=6, use_thumbnail=True):
    """rgb_u8: numpy uint8 [H, W, 3]. Returns (grid, float64 tensor [tiles, 3, s, s])."""
    h, w = rgb_u8.shape[:2]
    chw = torch.from_numpy(rgb_u8.astype(np.float64) / 255.0).permute(2, 0, 1).contiguous()
    cols, rows = choose_grid(w, h, image_size, min_num, max_num)
    resized = resize(chw, image_size * cols, image_size * rows)
    tiles = []
    for i in range(cols * rows):  # row by row, as the original's box arithmetic
        x0 = (i % cols) * image_size
        y0 = (i // cols) * image_size
        tiles.append(resized[:, y0 : y0 + image_size, x0 : x0 + image_size])
    if use_thumbnail and len(tiles) != 1:
        tiles.append(resize(chw, image_size, image_size))
    return (cols, rows), torch.stack([normalise(t) for t in tiles])


def synthetic_image(width, height):
    """The test pattern, defined by formula so Java builds the same image (SyntheticImages)."""
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    r = (3 * x + 5 * y) % 256
    g = ((x ^ y) * 7) % 256
    b = (x * x // 7 + 2 * y) % 256
    return np.stack([r, g, b], axis=-1).astype(np.uint8)
