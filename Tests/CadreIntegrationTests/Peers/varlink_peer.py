"""An outside varlink peer for the integration tests: the PyPI varlink client against cadred."""
import json
import sys
import threading

import varlink

address = sys.argv[1]
report = {}
with varlink.Client(address=address) as client:
    # The client's own parser reads our interface description.
    service = client.get_interface("org.varlink.service")
    workforce = client.get_interface("io.cadre.Workforce")
    with client.open("org.varlink.service") as svc:
        info = svc.GetInfo()
        report["interfaces"] = info["interfaces"]
        description = svc.GetInterfaceDescription("io.cadre.Workforce")["description"]
        report["description_matches"] = description.startswith("# Cadre's control interface") and "method Subscribe" in description
    with client.open("io.cadre.Workforce") as cadre:
        report["ping"] = cadre.Ping("from python")["message"]
    events = []
    done = threading.Event()
    subscribed = threading.Event()

    def follow():
        with client.open("io.cadre.Workforce") as stream:
            for reply in stream.Subscribe(_more=True):
                event = reply["event"]
                events.append(event["kind"])
                if event["kind"] == "subscribed":
                    subscribed.set()
                if event["kind"] in ("run-finished", "run-failed"):
                    done.set()
                    return

    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    # The first reply says the subscription is in place; only then may the run start.
    subscribed.wait(30)
    with client.open("io.cadre.Workforce") as cadre:
        run = cadre.StartRun()["run"]
        report["run"] = run["id"]
    done.wait(60)
    report["events"] = events
print(json.dumps(report))
