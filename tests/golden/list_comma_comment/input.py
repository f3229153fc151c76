import tensorflow as tf
a = tf.reshape(x, [784,  # c
])
b = tf.reshape(x, [784  # no comma
])
c = tf.reshape(x, [784 \
])
d = tf.reshape(x, [-1, 784,  # two
])
