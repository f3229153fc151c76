"""The same TF code for several MindSpore releases (each case's args)."""
import mindspore as ms
from mindspore import ops


def model(x, mask):
    y = ops.softplus(x)
    z = ops.slice(x, (0, 0), (1, 2))
    m = ops.cast(mask, ms.bool_)
    h = ops.cast(x, ms.float16)
    b = ops.cast(x, ms.bfloat16)
    return y, z, m, h, b
