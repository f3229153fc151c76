import tensorflow as tf

stop = tf.stop_gradient
__all__ = ["stop"]
