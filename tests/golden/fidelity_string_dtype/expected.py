import tensorflow as tf
import mindspore as ms
from mindspore import ops


def f(x, lo, hi, depth, on):
    # TF reads a string as a dtype name; MindSpore wants the dtype object.
    a = tf.cast(x, "float")
    b = ops.cast(x, ms.float32)
    c = tf.zeros([2], dtype='int32')
    # Literal bounds are wrapped; bounds in variables must be Tensors.
    r = ops.uniform((), ms.Tensor(0., ms.float32), ms.Tensor(1., ms.float32))
    s = ops.uniform((), lo, hi)
    o = tf.one_hot(x, depth, on_value=on)
    return a, b, c, r, s, o
