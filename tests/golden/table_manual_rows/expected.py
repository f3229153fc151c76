import tensorflow as tf
import tensorflow_probability as tfp
import mindspore as ms
from mindspore import ops


def manual(x, w, labels, logits, params, loss):
    a = ops.relu(x) + ops.softmax(x) + ops.sigmoid(x)
    b = tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME")
    c = tf.nn.dropout(x, keep_prob=0.5)
    d = ops.matmul(x, w) + tf.linalg.inv(w)
    e = tf.shape(x)[0] + tf.size(x)
    f = ops.one_hot(labels, 10, ms.Tensor(1.0, ms.float32), ms.Tensor(0.0, ms.float32))
    g = tf.layers.Dense(10)
    h = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    i = tf.keras.optimizers.Adam(1e-3)
    j = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    k = tfp.bijectors.Softplus()
    m = tf.keras.backend.batch_dot(x, w)
    return a, b, c, d, e, f, g, h, i, j, k, m
