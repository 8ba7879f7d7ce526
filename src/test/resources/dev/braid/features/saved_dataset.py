"""Makes a real Feast saved dataset from the feature service fraud_model, in the feature repository
that is the current folder: dev.braid.features.FeatureUsageTest. Prints the storage path as JSON."""
import json
import sys
from datetime import datetime, timezone

import pandas as pd
from feast import FeatureStore
from feast.infra.offline_stores.file_source import SavedDatasetFileStorage

name, path = sys.argv[1], sys.argv[2]
store = FeatureStore(repo_path=".")
entities = pd.DataFrame({
    "customer_id": [1, 2, 3],
    "merchant_id": [1, 2, 3],
    "event_timestamp": [datetime(2026, 1, 2, tzinfo=timezone.utc)] * 3,
})
service = store.get_feature_service("fraud_model")
job = store.get_historical_features(entity_df=entities, features=service)
store.create_saved_dataset(from_=job, name=name, storage=SavedDatasetFileStorage(path=path), feature_service=service,
                           allow_overwrite=True)
print(json.dumps({"path": path}))
