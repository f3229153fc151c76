import tensorflow as tf
import mindspore as ms


def f(i, v, s):
    a = ms.SparseTensor(i, v, s)
    b = ms.SparseTensor(indices=i, values=v, shape=s)
    c = ms.SparseTensor(shape=s, indices=i, values=v)
    d = ms.SparseTensor(i, v, shape=s)
    e = tf.SparseTensor(i, v)
    g = tf.SparseTensor.from_value(a)
    return a, b, c, d, e, g, isinstance(a, ms.SparseTensor)
