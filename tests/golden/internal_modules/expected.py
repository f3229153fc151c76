# TF's internal modules name the same objects as the public API:
# array_ops.concat IS tf.concat, dtypes.float32 IS tf.float32.
from tensorflow.python.framework import dtypes
from mindspore.ops import reshape as flat
import mindspore as ms


def f(x, y):
    z = ms.ops.concat([x, y], 0)
    w = flat(z, (-1,))
    return ms.ops.cast(w, ms.float32), dtypes.float32.as_numpy_dtype
