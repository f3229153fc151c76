import tensorflow as tf
import tensorflow.contrib.eager as tfe
import mindspore as ms
from mindspore import ops

n_input, n_hidden, n_classes = 784, 256, 10

# The TensorFlow-Examples weights dict: each value converts with its
# initializer (the review note says to make them Cell attributes).
weights = {
    'h1': ms.Parameter(ops.normal((n_input, n_hidden), 0.0, 1.0)),
    'out': ms.Parameter(ops.normal((n_hidden, n_classes), 0.0, 1.0))
}
biases = {
    'b1': ms.Parameter(ops.zeros((n_hidden,))),
    'out': ms.Parameter(ops.ones((n_classes,), ms.float32), requires_grad=False),
}

a = ms.Parameter(ms.Tensor(0.5, ms.float32))                                  # float literal: float32
b = ms.Parameter(ms.Tensor([[1.0, 2], [3, 4]], ms.float32))
c = ms.Parameter(ops.uniform((2,), ms.Tensor(0.0, ms.float32), ms.Tensor(1.0, ms.float32)), requires_grad=True)
d = tf.Variable(tf.zeros([3]), False)                 # positional trainable
e = ms.Parameter(ops.zeros((784, 10)))

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
