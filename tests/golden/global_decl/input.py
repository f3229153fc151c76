tf = None


def setup():
    global tf
    import tensorflow as tf


def use(x):
    return tf.stop_gradient(x)
