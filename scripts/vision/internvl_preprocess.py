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


def msac_grids(width, height, image_size=448, max_num=6):
    """H2OVL's multi-scale adaptive cropping (use_msac): returns (first, second) grids.

    As vLLM's h2ovl.py (adapted from H2OVL-Mississippi-2B's image_process.py): the first pass is
    the plain grid choice with min_num 1; the second pass chooses among the grids of 3 to max_num
    tiles whose column count does not divide the first grid's columns AND whose row count does not
    divide its rows (prior[0] % i != 0 and prior[1] % j != 0; Mini-Monkey's and SAIL-VL's
    dynamic_preprocess2 use OR here, H2OVL as vLLM ports it uses AND). When no grid survives the
    filter the choice falls back to (1, 1), find_closest_aspect_ratio's initial best.
    """
    first = choose_grid(width, height, image_size, 1, max_num)
    candidates = [
        r for r in target_ratios(3, max_num) if first[0] % r[0] != 0 and first[1] % r[1] != 0
    ]
    second = find_closest_aspect_ratio(width / height, candidates, width, height, image_size)
    return first, second


def msac_tile_count(first, second):
    """Tiles H2OVL's MSAC yields: vLLM's num_patches_1 + num_patches_2 - 1, each pass counting
    its thumbnail (always on in MSAC) when its grid has more than one tile."""
    n1 = first[0] * first[1] + (1 if first[0] * first[1] != 1 else 0)
    n2 = second[0] * second[1] + (1 if second[0] * second[1] != 1 else 0)
    return n1 + n2 - 1


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
    grid = choose_grid(w, h, image_size, min_num, max_num)
    return grid, _tiles_for_grid(rgb_u8, grid, image_size, use_thumbnail)


def msac_preprocess(rgb_u8, image_size=448, max_num=6):
    """H2OVL's image_to_pixel_values_h2ovl with use_msac: both passes keep a thumbnail, and the
    result is cat([pass2[:-1], pass1[:-1], pass2[-1:]]): the second grid's tiles,
    then the first grid's tiles, then one whole-page thumbnail. A pass whose grid is 1x1 has no
    thumbnail, so its [:-1] is empty and its single tile (the whole page at image_size^2, the same
    picture as a thumbnail) is dropped or, for the second pass, becomes the final tile.

    Returns ((first, second), float64 tensor [tiles, 3, s, s])."""
    h, w = rgb_u8.shape[:2]
    first, second = msac_grids(w, h, image_size, max_num)
    p1 = _tiles_for_grid(rgb_u8, first, image_size, True)
    p2 = _tiles_for_grid(rgb_u8, second, image_size, True)
    out = torch.cat([p2[:-1], p1[:-1], p2[-1:]], 0)
    assert out.shape[0] == msac_tile_count(first, second)
    return (first, second), out


def _tiles_for_grid(rgb_u8, grid, image_size, use_thumbnail):
    """dynamic_preprocess's body for an already chosen (cols, rows) grid."""
    chw = torch.from_numpy(rgb_u8.astype(np.float64) / 255.0).permute(2, 0, 1).contiguous()
    cols, rows = grid
    resized = resize(chw, image_size * cols, image_size * rows)
    tiles = []
    for i in range(cols * rows):  # row by row, as the original's box arithmetic
        x0 = (i % cols) * image_size
        y0 = (i // cols) * image_size
        tiles.append(resized[:, y0 : y0 + image_size, x0 : x0 + image_size])
    if use_thumbnail and len(tiles) != 1:
        tiles.append(resize(chw, image_size, image_size))
    return torch.stack([normalise(t) for t in tiles])


def synthetic_image(width, height):
    """The test pattern, defined by formula so Java builds the same image (SyntheticImages)."""
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    r = (3 * x + 5 * y) % 256
    g = ((x ^ y) * 7) % 256
    b = (x * x // 7 + 2 * y) % 256
    return np.stack([r, g, b], axis=-1).astype(np.uint8)
