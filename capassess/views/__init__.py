"""Terminal and text views of models and results (rich lives here and in interactive/)."""
