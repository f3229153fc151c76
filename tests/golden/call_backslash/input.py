import tensorflow as tf
y = tf.reshape(tf.stop_gradient(x, \
    name="n"), [-1, 784])
z = tf.reshape(x, \
               [1, 2])
w = tf.nn.bias_add(x, \
                   b, name="w")
