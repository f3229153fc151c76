from mindspore import ops


def f(x, axes):
    # TF takes the axis as a tensor or any sequence; MindSpore's sum (and
    # mean before 2.3) only an int, tuple or list: a value the tool cannot
    # see gets a note.
    a = ops.sum(x, range(1, 3))
    b = ops.mean(x, axes, True)
    d = ops.mean(x, axes)
    # Literal axes need no note.
    c = ops.sum(x, [1, 2])
    e = ops.mean(x, -1)
    return a, b, c, d, e
