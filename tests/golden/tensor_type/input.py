from typing import List

import tensorflow as tf


class Wrapped(tf.Tensor):
    pass


def f(x: tf.Tensor, ys: List[tf.Tensor]) -> tf.Tensor:
    if isinstance(x, (tf.Tensor, tf.SparseTensor)):
        return x
    if issubclass(type(x), tf.Tensor):
        return x
    raise TypeError(x)


def make(op):
    return tf.Tensor(op, 0, tf.float32)
