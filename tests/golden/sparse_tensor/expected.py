import tensorflow as tf
import mindspore as ms


def f(i, v, s):
    a = tf.SparseTensor(i, v, s)
    b = tf.sparse.SparseTensor(indices=i, values=v, dense_shape=s)
    c = tf.SparseTensor(dense_shape=s, indices=i, values=v)
    d = tf.compat.v1.SparseTensor(i, v, dense_shape=s)
    e = tf.SparseTensor(i, v)
    g = tf.SparseTensor.from_value(a)
    return a, b, c, d, e, g, isinstance(a, ms.SparseTensor)
