import tensorflow as tf
from mindspore import ops


def math(x, y, xs, args, make):
    a = ops.Add()(x, y)
    b = ops.Add()(x, y)
    c = ops.Sub()(x, y)
    d = ops.Mul()(x, y)
    e = ops.Div()(x, y)
    f = ops.Pow()(x, 2.0)
    g = ops.Greater()(x, y), ops.LessEqual()(x, y)
    h = ops.Log()(x) + ops.Erf()(x)
    i = ops.AddN()(xs) + ops.AddN()([x, y])
    j = tf.add(*args)
    k = tf.add(x, y, name=make("k"))
    return a, b, c, d, e, f, g, h, i, j, k
