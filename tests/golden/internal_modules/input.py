# TF's internal modules name the same objects as the public API:
# array_ops.concat IS tf.concat, dtypes.float32 IS tf.float32.
from tensorflow.python.ops import array_ops, math_ops
from tensorflow.python.framework import dtypes
from tensorflow.python.ops.array_ops import reshape as flat


def f(x, y):
    z = array_ops.concat([x, y], axis=0)
    w = flat(z, [-1])
    return math_ops.cast(w, dtypes.float32), dtypes.float32.as_numpy_dtype
