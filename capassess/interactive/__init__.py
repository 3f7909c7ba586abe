"""The terminal interview behind ``capassess assess``.

``session`` is the pure state machine (which question, back, jumps, conditions);
``keys`` reads typed lines; ``screen`` draws with rich; ``loop`` ties them to the
answers file (``capassess.answers_file``), saving after every answer; ``app`` is the
service the command calls.
"""
