import tensorflow as tf


def f(x, args, kwargs, make):
    a = tf.stop_gradient(x)
    b = tf.stop_gradient(x, "b")
    c = tf.stop_gradient(x, name="c")
    d = tf.stop_gradient(input=x)
    e = tf.stop_gradient(name="e", input=x)
    g = tf.stop_gradient(x, name=make("g"))
    h = tf.stop_gradient(*args)
    i = tf.stop_gradient(x, **kwargs)
    j = tf.stop_gradient(x, "j", 3)
    k = tf.stop_gradient(x, nam="k")
    l = tf.stop_gradient()
    m = tf.stop_gradient(x, name=tf.Tensor.name)
    n = tf.stop_gradient(x,)
    return a, b, c, d, e, g, h, i, j, k, l, m, n
