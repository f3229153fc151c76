import mindspore as ms
from mindspore import ops


def f(n, lo, hi):
    # int literals: int32 in TF, int64 in MindSpore's arange unless said
    a = ops.arange(24, dtype=ms.int32)
    b = ops.arange(0, 3 * 2, dtype=ms.int32)
    c = ops.arange(-5, 5, 2, dtype=ms.int32)
    d = ops.arange(2, 10, dtype=ms.int32)
    # a float literal makes the whole range float32 in both
    e = ops.arange(0, 1, 0.25, dtype=ms.float32)
    # given dtype is kept
    g = ops.arange(0, 10, dtype=ms.int64)
    # a bound that is no literal: the tool cannot tell, review note
    h = ops.arange(n)
    i = ops.arange(0, n)
    j = ops.arange(lo, hi, 1.5)
    return a, b, c, d, e, g, h, i, j
