import tensorflow as tf
import mindspore as ms
from mindspore import ops


def f(x, dtype):
    # TF converts a Python list to a tensor before casting; MindSpore's
    # Cast takes a Tensor or a number only: literals become Tensors of the
    # dtype TF infers.
    a = ops.cast(ms.Tensor([1, 2], ms.int32), ms.float32)
    b = ops.cast(ms.Tensor([[1, 0], [0, 1]], ms.int32), ms.float32)
    c = ops.cast(ms.Tensor([0.5, 1.5], ms.float32), ms.int32)
    h = ops.cast(ms.Tensor([2.5, 3.5], ms.float32), ms.int64)
    d = ops.cast(ms.Tensor(1., ms.float32), dtype)
    # A literal whose dtype cannot be told is left.
    e = tf.cast([True, 1], tf.int32)
    # Tensors are passed on as before.
    g = ops.cast(x, ms.int32)
    return a, b, c, d, e, g, h
