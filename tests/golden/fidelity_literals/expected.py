import tensorflow as tf
import mindspore as ms
from mindspore import ops


def f(x, y, labels):
    a = ops.log(ms.Tensor(2., ms.float32))
    b = tf.multiply(x, [1 / 0.95, 1.0, 1 / 1.09])
    c = ops.pow(ms.Tensor([[2.0]], ms.float32), y)
    d = ops.gt(ms.Tensor([1, 0, 1], ms.int32), 0)
    e = ops.gather(x, ms.Tensor([0], ms.int32), 0)
    g = ops.add(ms.Tensor(1, ms.int32), 2)
    h = ops.mul(x, 0.5)
    i = ops.sum(ms.Tensor([1, 2.5], ms.float32))
    j = tf.exp([a, 1.0])
    return a, b, c, d, e, g, h, i, j
