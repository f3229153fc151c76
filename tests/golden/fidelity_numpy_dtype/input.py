import numpy
import numpy as np
import tensorflow as tf


def f(x, n):
    # TF reads NumPy types as dtypes; mindspore.Tensor raises TypeError
    # for anything but a mindspore dtype (ops.zeros builds one).
    a = tf.constant(x, dtype=np.float32)
    b = tf.zeros([n, 4], dtype=np.float32)
    c = tf.cast(x, numpy.int32)
    d = tf.zeros_like(x, dtype=np.int64)
    # Spelled through TF, they convert.
    e = tf.constant(x, dtype=tf.float32)
    g = tf.zeros([n, 4], dtype=tf.float32)
    return a, b, c, d, e, g
