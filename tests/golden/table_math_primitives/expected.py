import tensorflow as tf
from mindspore import ops


def math(x, y, xs, args, make):
    a = ops.add(x, y)
    b = ops.add(x, y)
    c = ops.sub(x, y)
    d = ops.mul(x, y)
    e = ops.div(x, y)
    f = ops.pow(x, 2.0)
    g = ops.gt(x, y), ops.le(x, y)
    h = ops.log(x) + ops.erf(x)
    i = ops.addn(xs) + ops.addn([x, y])
    j = tf.add(*args)
    k = tf.add(x, y, name=make("k"))
    return a, b, c, d, e, f, g, h, i, j, k
