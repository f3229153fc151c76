import tensorflow as tf
from mindspore import ops


def f(x, args, kwargs, make):
    a = ops.stop_gradient(x)
    b = ops.stop_gradient(x)
    c = ops.stop_gradient(x)
    d = ops.stop_gradient(x)
    e = ops.stop_gradient(x)
    g = tf.stop_gradient(x, name=make("g"))
    h = tf.stop_gradient(*args)
    i = tf.stop_gradient(x, **kwargs)
    j = tf.stop_gradient(x, "j", 3)
    k = tf.stop_gradient(x, nam="k")
    l = tf.stop_gradient()
    m = tf.stop_gradient(x, name=tf.Tensor.name)
    n = ops.stop_gradient(x,)
    return a, b, c, d, e, g, h, i, j, k, l, m, n
