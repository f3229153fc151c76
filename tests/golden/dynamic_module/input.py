import tensorflow as tf


def f(name, x):
    fn = getattr(tf, name)
    helper(tf)
    v1 = tf.compat.v1
    return fn(x), tf.stop_gradient(x)
