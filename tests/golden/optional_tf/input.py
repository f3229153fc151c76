try:
    import tensorflow as tf
except ImportError:
    tf = None


def f(x):
    return tf.stop_gradient(x)
