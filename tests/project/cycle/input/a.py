from b import *
import tensorflow as tf


def f(x):
    return tf.stop_gradient(x)
