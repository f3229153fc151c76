"""Symbols imported by name keep their local name."""
from mindspore.ops import stop_gradient
from mindspore.ops import stop_gradient as sg
from tensorflow.sparse import SparseTensor


def f(x, i, v, s):
    a = stop_gradient(x)
    b = sg(x)
    return a, b, SparseTensor(i, v, dense_shape=s)
