try:
    import tensorflow as tf
    import tensorflow as tf2
except ImportError:
    pass
y = tf.reshape(x, [1])
z = tf2.reshape(x, [1])
