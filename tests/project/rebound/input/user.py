from base import *

tf = None if False else tf


def f(x):
    return tf.stop_gradient(x)
