# math_ops.reduce_sum is exported only as v2's tf.reduce_sum (v1=[]): the
# v1 tf.reduce_sum is another function, so the use keeps its internal
# name, and so does a symbol TF does not export at all. math_ops and
# rnn_cell_impl stay imported; array_ops goes with its last use.
from tensorflow.python.ops import array_ops, math_ops
from tensorflow.python.ops import rnn_cell_impl


def f(x, y, cell):
    z = array_ops.concat([x, y], axis=0)
    s = math_ops.reduce_sum(z)
    return s, rnn_cell_impl._zero_state_tensors(cell.state_size, 1, z.dtype)
