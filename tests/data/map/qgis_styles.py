# Opens layers of a GeoPackage with PyQGIS (headless) and prints, as JSON, what QGIS loaded:
# the renderer of each layer (from the layer_styles table) and its field aliases.
# Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_styles.py FILE.gpkg LAYER...
import json
import sys

from qgis.core import QgsApplication, QgsVectorLayer

app = QgsApplication([], False)
app.initQgis()
result = {}
for name in sys.argv[2:]:
    layer = QgsVectorLayer(f"{sys.argv[1]}|layername={name}", name, "ogr")
    info = {"valid": layer.isValid(), "features": layer.featureCount()}
    r = layer.renderer()
    info["renderer"] = r.type() if r else None
    if r and r.type() == "categorizedSymbol":
        info["attr"] = r.classAttribute()
        info["categories"] = {str(c.value()): c.symbol().symbolLayer(0).color().name() for c in r.categories()}
    elif r and r.type() == "singleSymbol":
        sym = r.symbol()
        info["symbol_layers"] = [sl.layerType() for sl in sym.symbolLayers()]
        info["color"] = sym.symbolLayer(sym.symbolLayerCount() - 1).color().name()
    info["aliases"] = {f.name(): layer.attributeAlias(i) for i, f in enumerate(layer.fields())}
    result[name] = info
print(json.dumps(result, ensure_ascii=False))
app.exitQgis()
