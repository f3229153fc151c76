import tensorflow as tf
import tensorflow.contrib.eager as tfe

n_input, n_hidden, n_classes = 784, 256, 10

# The TensorFlow-Examples weights dict: each value converts with its
# initializer (the review note says to make them Cell attributes).
weights = {
    'h1': tf.Variable(tf.random_normal([n_input, n_hidden])),
    'out': tf.Variable(tf.random_normal([n_hidden, n_classes]))
}
biases = {
    'b1': tf.Variable(tf.zeros([n_hidden])),
    'out': tf.Variable(tf.ones([n_classes]), trainable=False),
}

a = tf.Variable(0.5)                                  # float literal: float32
b = tf.Variable([[1.0, 2], [3, 4]])
c = tf.Variable(initial_value=tf.random_uniform([2]), trainable=True)
d = tf.Variable(tf.zeros([3]), False)                 # positional trainable
e = tfe.Variable(tf.zeros([784, 10]))

# Refused, each with its reason:
f = tf.Variable(tf.zeros([3]), name='f')              # duplicate names raise
g = tf.Variable(tf.zeros([3]), dtype=tf.float32)      # Parameter has no dtype
h = tf.Variable(0, trainable=False)                   # an int counter
i = tf.Variable(lambda: tf.zeros([3]))                # a callable
j = tf.Variable(init)                                 # a value the tool cannot see
k = tf.Variable(tf.truncated_normal([3, 3]))          # an unconverted TF tensor
l = tf.Variable(tf.random_normal([2], dtype=tf.float64))
m = tf.Variable(tf.zeros([3], tf.int32))              # an int tensor
o = tf.Variable(tf.zeros([3]), trainable=flag)
p = tf.Variable(tf.zeros([3]), collections=[])
q = tfe.Variable(tf.zeros([10]), name='bias')

# The reference form:
assert isinstance(a, tf.Variable)
make = tf.Variable
