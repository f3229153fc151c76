from mindspore import ops
a = ops.reshape(x, (784,  # c
))
b = ops.reshape(x, (784  # no comma
,))
c = ops.reshape(x, (784 \
,))
d = ops.reshape(x, (-1, 784,  # two
))
