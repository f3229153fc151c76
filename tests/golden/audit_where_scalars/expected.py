import tensorflow as tf
import mindspore as ms
from mindspore import ops


def f(c, x):
    # MindSpore's where raises TypeError when both x and y are numbers
    a = ops.where(c, ms.Tensor(1.0, ms.float32), 0.0)
    b = ops.where(c, ms.Tensor(1, ms.int32), 0)
    # one number and a tensor: MindSpore converts the number itself
    d = ops.where(c, x, 0.0)
    e = ops.where(c, -1e9, x)
    # list literals are not Tensors: the first is wrapped (TF infers the
    # dtype from it), a later one is refused
    g = ops.where(c, ms.Tensor([1.0, 2.0], ms.float32), x)
    h = tf.where(c, x, [1.0, 2.0])
    return a, b, d, e, g, h
