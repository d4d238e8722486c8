"""dlbench's `bert` family in PyTorch through Hugging Face `transformers`' own `BertModel` — the implementation people
load MiniLM-L6 with — plus sentence-transformers' mean pooling and dlbench's optional classifier head.

The hand-off tensors carry BertModel's own names (`embeddings.…`, `encoder.layer.N.…`) and `classifier.*`, so the
model registers BertModel's `embeddings` and `encoder` as its own children and `load_state_dict(strict=True)` takes
the file as it is. Dropout is 0 (dlbench's BERT has none), so training steps are deterministic and comparable."""
from __future__ import annotations

from typing import Any, Dict

import torch
from torch import nn


class Bert(nn.Module):
    def __init__(self, vocabulary: int, model: Dict[str, Any], classes: int) -> None:
        super().__init__()
        from transformers import BertConfig, BertModel  # only this family needs transformers

        config = BertConfig(
            vocab_size=vocabulary, hidden_size=model["hiddenWidth"], num_hidden_layers=model["layers"],
            num_attention_heads=model["heads"], intermediate_size=model["intermediateWidth"],
            max_position_embeddings=model["maxPositions"], type_vocab_size=model["typeVocabulary"],
            layer_norm_eps=model["layerNormEpsilon"], hidden_act="gelu", hidden_dropout_prob=0.0,
            attention_probs_dropout_prob=0.0, pad_token_id=0)
        bert = BertModel(config, add_pooling_layer=False)
        self.embeddings, self.encoder = bert.embeddings, bert.encoder
        object.__setattr__(self, "bert", bert)  # not a registered child: its parameters are the two above
        self.classifier = nn.Linear(model["hiddenWidth"], classes) if model.get("head") == "classifier" else None

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        mask = (tokens != 0).to(torch.long)  # [PAD] is id 0
        hidden = self.bert(input_ids=tokens, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
        return pooled if self.classifier is None else self.classifier(pooled)
